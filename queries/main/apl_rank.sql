-- Where an APL value stands among the APL units of its department, its region and France, per
-- year (2022, 2023).
-- Returns: niveau ('departement'|'region'|'france'), year, n_inferieur (units with a lower APL),
-- n (units with an APL).
-- Parameters: $dep (department code), $region (region code), $value_2022, $value_2023 (the APL
-- compared for each year; either may be NULL).
WITH v AS (
    SELECT a.year, a.apl, c.departement_code, c.region_code
    FROM communes c JOIN apl_generalistes a ON a.code = c.code
    WHERE c.apl_unit AND a.year IN (2022, 2023)
), levels AS (
    SELECT 'departement' AS niveau, * FROM v WHERE departement_code = $dep
    UNION ALL SELECT 'region', * FROM v WHERE region_code = $region
    UNION ALL SELECT 'france', * FROM v
)
SELECT niveau, year,
       count(*) FILTER (WHERE apl < CASE year WHEN 2022 THEN $value_2022 ELSE $value_2023 END) AS n_inferieur,
       count(*) AS n
FROM levels
GROUP BY niveau, year
ORDER BY year, niveau;
