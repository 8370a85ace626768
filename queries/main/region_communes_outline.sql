-- Communes (APL level) of a region with whether a CPTS covers them, for the coverage map.
-- Returns: code, nom, geometry (GeoJSON), couverte.
-- Parameters: $region (region code).
SELECT c.code, c.nom, ST_AsGeoJSON(c.geom_display) AS geometry,
       EXISTS (SELECT 1 FROM cpts_communes m WHERE m.commune_code = c.code) AS couverte
FROM communes c
WHERE c.apl_unit AND c.region_code = $region AND c.geom_display IS NOT NULL;
