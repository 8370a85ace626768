-- Departments of a region.
SELECT code, nom
FROM departements
WHERE region_code = $region
ORDER BY code;
