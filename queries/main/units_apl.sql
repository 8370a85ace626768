-- APL of a commune from its APL units, per year: the unit's own value, or for Paris, Lyon and
-- Marseille the mean of the arrondissements weighted by standardised population (DREES rule);
-- with the standardised and total population for the need index.
-- Returns: year, apl, pop_std, pop_totale.
-- Parameters: $codes (the commune's APL units, VARCHAR[]).
SELECT year,
       CASE WHEN count(*) = 1 THEN any_value(apl) ELSE sum(apl * pop_std) / nullif(sum(pop_std), 0) END AS apl,
       sum(pop_std) AS pop_std, sum(pop_totale) AS pop_totale
FROM apl_generalistes
WHERE code IN (SELECT unnest($codes::VARCHAR[]))
GROUP BY year
ORDER BY year;
