-- Every department, by code, for pickers.
-- Returns: code, nom. Parameters: none.
SELECT code, nom FROM departements ORDER BY code;
