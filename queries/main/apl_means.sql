-- Mean APL of a department, a region and France for every profession, year and scope, by the DREES
-- rule (weighted by standardised population), in one scan (#17).
-- Returns: profession, year, scope, departement, region, france (the three means), n_departement
-- (APL units of the department with a value).
-- Parameters: $dep (department code), $region (region code).
SELECT a.profession, a.year, a.scope,
       sum(a.apl * a.pop_std) FILTER (WHERE c.departement_code = $dep)
           / nullif(sum(a.pop_std) FILTER (WHERE c.departement_code = $dep), 0) AS departement,
       sum(a.apl * a.pop_std) FILTER (WHERE c.region_code = $region)
           / nullif(sum(a.pop_std) FILTER (WHERE c.region_code = $region), 0) AS region,
       sum(a.apl * a.pop_std) / nullif(sum(a.pop_std), 0) AS france,
       count(*) FILTER (WHERE c.departement_code = $dep) AS n_departement
FROM apl a JOIN communes c ON c.code = a.code
WHERE c.apl_unit
GROUP BY ALL
ORDER BY ALL;
