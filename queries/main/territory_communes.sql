-- Communes (arrondissements for Paris, Lyon, Marseille) of the whole country, a region or a
-- department, with every indicator of the « Territoires sous-dotés » page and the map geometry
-- (lighter contours beyond a department), by code.
-- Returns: code, nom, departement_code, region_code, epci_code, epci_nom, bassin_vie_code,
-- bassin_vie_nom, cpts (names, « ; »), population, apl_2021, apl_2022, apl_2023, apl65_2021, apl65_2022,
-- apl65_2023 (GP APL, all ages and 65 or less),
-- pop_std_2023, pop_totale_2023, apl_santecarte, apl_santecarte_complet, n_activites (NULL where
-- GP sites are not loaded), geometry (GeoJSON).
-- Parameters: $level ('france'|'region'|'departement'), $code (region or department code; ignored
-- for 'france').
WITH cpts_names AS (
    SELECT m.commune_code, string_agg(k.nom, ' ; ' ORDER BY k.nom) AS cpts
    FROM cpts_communes m JOIN cpts k USING (cpts_id)
    GROUP BY m.commune_code
)
SELECT c.code, c.nom, c.departement_code, c.region_code, c.epci_code, e.nom AS epci_nom,
       c.bassin_vie_code, b.nom AS bassin_vie_nom, coalesce(k.cpts, p.cpts) AS cpts,
       c.population,
       a21.apl AS apl_2021, a22.apl AS apl_2022, a23.apl AS apl_2023,
       a21.apl_moins65 AS apl65_2021, a22.apl_moins65 AS apl65_2022, a23.apl_moins65 AS apl65_2023,
       a23.pop_std AS pop_std_2023, a23.pop_totale AS pop_totale_2023,
       s.apl AS apl_santecarte, s.complete AS apl_santecarte_complet,
       CASE WHEN c.region_code IN (SELECT region_code FROM gp_site_regions) THEN coalesce(n.n_activites, 0) END
           AS n_activites,
       ST_AsGeoJSON(CASE WHEN $level = 'departement' THEN c.geom_display ELSE c.geom_light END) AS geometry
FROM communes c
LEFT JOIN apl_generalistes a21 ON a21.code = c.code AND a21.year = 2021
LEFT JOIN apl_generalistes a22 ON a22.code = c.code AND a22.year = 2022
LEFT JOIN apl_generalistes a23 ON a23.code = c.code AND a23.year = 2023
LEFT JOIN apl_santecarte s ON s.code = c.code AND s.year = 2023
LEFT JOIN gp_site_counts n ON n.commune_code = c.code
LEFT JOIN epci e ON e.code = c.epci_code
LEFT JOIN bassins_vie b ON b.code = c.bassin_vie_code
LEFT JOIN cpts_names k ON k.commune_code = c.code
LEFT JOIN cpts_names p ON p.commune_code = c.parent_code
WHERE c.apl_unit
  AND c.geom_display IS NOT NULL
  AND CASE $level WHEN 'france' THEN TRUE
                  WHEN 'region' THEN c.region_code = $code
                  WHEN 'departement' THEN c.departement_code = $code END
ORDER BY c.code;
