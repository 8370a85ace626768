-- Departments of a region, by code.
-- Returns: code, nom.
-- Parameters: $region (region code).
SELECT code, nom
FROM departements
WHERE region_code = $region
ORDER BY code;
