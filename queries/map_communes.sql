-- Communes (arrondissements for Paris, Lyon, Marseille) of a region or a department, with the
-- DREES APL of a year and the map geometry as GeoJSON. $level is 'region' or 'departement'.
SELECT c.code, c.nom, c.departement_code, c.population,
       a.apl, a.apl_moins65, a.pop_std, a.pop_totale,
       ST_AsGeoJSON(c.geom_display) AS geometry
FROM communes c
LEFT JOIN apl a ON a.code = c.code AND a.year = $year
WHERE c.apl_unit
  AND c.geom_display IS NOT NULL
  AND CASE $level WHEN 'region' THEN c.region_code WHEN 'departement' THEN c.departement_code END = $code
ORDER BY c.code;
