-- Communes (arrondissements for Paris, Lyon, Marseille) of a region or a department, with the
-- DREES APL of a year (and ours where computed) and the map geometry as GeoJSON. $level is 'region' or 'departement'.
SELECT c.code, c.nom, c.departement_code, c.population,
       a.apl, a.apl_moins65, a.pop_std, a.pop_totale,
       s.apl AS apl_santecarte, s.complete AS apl_santecarte_complet,
       ST_AsGeoJSON(c.geom_display) AS geometry
FROM communes c
LEFT JOIN apl a ON a.code = c.code AND a.year = $year
LEFT JOIN apl_santecarte s ON s.code = c.code AND s.year = $year
WHERE c.apl_unit
  AND c.geom_display IS NOT NULL
  AND CASE $level WHEN 'region' THEN c.region_code WHEN 'departement' THEN c.departement_code END = $code
ORDER BY c.code;
