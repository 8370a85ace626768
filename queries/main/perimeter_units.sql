-- Every commune and arrondissement with its point, to read uploaded or drawn perimeters.
-- Returns: code, nom, parent_code, apl_unit, lon, lat. Parameters: none.
SELECT code, nom, parent_code, apl_unit, lon, lat FROM communes;
