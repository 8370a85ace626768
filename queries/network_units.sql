-- Units of the accessibility network: the APL level (communes, PLM arrondissements) that
-- have a point; population and area give the density used by the travel-time model.
SELECT code, nom, departement_code, region_code, lon, lat, population, area_km2, ST_AsWKB(geom) AS wkb
FROM communes
WHERE apl_unit AND lon IS NOT NULL
ORDER BY code;
