-- The accessibility network's units with the land masses the build stored (no polygon work):
-- what the app needs to rebuild the travel-time network in a fraction of a second.
-- Returns: code, nom, departement_code, region_code, lon, lat, population, area_km2, land_mass,
-- relief_m, zone_montagne.
-- Parameters: none.
SELECT c.code, c.nom, c.departement_code, c.region_code, c.lon, c.lat, c.population, c.area_km2, l.land_mass,
       t.relief_m, t.zone_montagne
FROM communes c
JOIN land_masses l USING (code)
LEFT JOIN commune_terrain t USING (code)
WHERE c.apl_unit AND c.lon IS NOT NULL
ORDER BY c.code;
