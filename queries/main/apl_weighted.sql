-- Every APL of a set of APL units (a commune's: itself, or a PLM city's arrondissements; a CPTS's
-- communes), per profession, year and scope, by the DREES rule: the mean weighted by standardised
-- population (a plain mean where every weight is 0) (#17); with the summed standardised and total
-- population (the profile's need index and DREES population).
-- Returns: profession, year, scope, apl, pop_std, pop_totale.
-- Parameters: $codes (APL unit codes, VARCHAR[]).
SELECT profession, year, scope,
       coalesce(sum(apl * pop_std) / nullif(sum(pop_std), 0), avg(apl)) AS apl,
       sum(pop_std) AS pop_std, sum(pop_totale) AS pop_totale
FROM apl
WHERE code IN (SELECT unnest($codes::VARCHAR[]))
GROUP BY ALL
ORDER BY ALL;
