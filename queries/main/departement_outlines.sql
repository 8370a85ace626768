-- Department borders of a region, drawn over the communes (the map has no basemap offline).
-- Returns: code, nom, geometry (GeoJSON).
-- Parameters: $region (region code).
SELECT code, nom, ST_AsGeoJSON(geom) AS geometry
FROM departements
WHERE region_code = $region AND geom IS NOT NULL;
