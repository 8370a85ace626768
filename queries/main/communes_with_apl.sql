-- APL units with their APL 2022 and 2023, department and display geometry, by code.
-- Returns: code, nom, departement_code, apl_2022, apl_2023, geometry (GeoJSON).
-- Parameters: $codes (APL unit codes, VARCHAR[]).
SELECT c.code, c.nom, c.departement_code, a22.apl AS apl_2022, a23.apl AS apl_2023,
       ST_AsGeoJSON(c.geom_display) AS geometry
FROM communes c
LEFT JOIN apl_generalistes a22 ON a22.code = c.code AND a22.year = 2022
LEFT JOIN apl_generalistes a23 ON a23.code = c.code AND a23.year = 2023
WHERE c.code IN (SELECT unnest($codes::VARCHAR[]))
ORDER BY c.code;
