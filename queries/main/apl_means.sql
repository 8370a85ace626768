-- Mean APL of a department, a region and France for every profession, year and scope, by the DREES
-- rule (weighted by standardised population), read from the means built once (#17).
-- Returns: profession, year, scope, departement, region, france (the three means), n_departement
-- (APL units of the department with a value).
-- Parameters: $dep (department code), $region (region code).
SELECT profession, year, scope,
       max(apl_moyen) FILTER (WHERE level = 'departement') AS departement,
       max(apl_moyen) FILTER (WHERE level = 'region') AS region,
       max(apl_moyen) FILTER (WHERE level = 'france') AS france,
       coalesce(max(n) FILTER (WHERE level = 'departement'), 0) AS n_departement
FROM apl_territory_means
WHERE (level = 'departement' AND code = $dep) OR (level = 'region' AND code = $region) OR level = 'france'
GROUP BY ALL
ORDER BY ALL;
