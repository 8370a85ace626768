-- The nurses' zonage class of every APL unit of a department (1 très sous-dotée … 5 sur-dotée; NULL
-- where the export gives none), with its display contour: the nurses' view of « S'installer » (#17).
-- Returns: code, nom, classe, geometry (GeoJSON).
-- Parameters: $dep (department code).
SELECT c.code, c.nom, z.classe, ST_AsGeoJSON(c.geom_display) AS geometry
FROM communes c LEFT JOIN zonage_infirmiers z ON z.code = c.code
WHERE c.apl_unit AND c.departement_code = $dep AND c.geom_display IS NOT NULL
ORDER BY c.code;
