-- Units of the accessibility network, for the build: the APL level (communes, PLM
-- arrondissements) that has a point; population and area give the density used by the
-- travel-time model, the terrain its relief (commune_terrain, built just before).
-- Returns: code, nom, departement_code, region_code, lon, lat, population, area_km2, relief_m,
-- zone_montagne, wkb (contour, WKB).
-- Parameters: none.
SELECT c.code, c.nom, c.departement_code, c.region_code, c.lon, c.lat, c.population, c.area_km2,
       t.relief_m, t.zone_montagne, ST_AsWKB(c.geom) AS wkb
FROM communes c
LEFT JOIN commune_terrain t USING (code)
WHERE c.apl_unit AND c.lon IS NOT NULL
ORDER BY c.code;
