-- Communes (APL level) of a department, by name, for pickers.
-- Returns: code, nom.
-- Parameters: $dep (department code).
SELECT code, nom FROM communes WHERE apl_unit AND departement_code = $dep ORDER BY nom_search;
