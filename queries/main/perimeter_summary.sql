-- A perimeter by DREES rules, for APL 2023: population (legal), APL weighted by standardised
-- population, share of the population under a threshold.
-- Returns one row: n_communes, population, apl_moyen, part_sous_seuil.
-- Parameters: $codes (APL unit codes, VARCHAR[]), $seuil (APL threshold, e.g. 2.5).
SELECT count(*) AS n_communes,
       sum(c.population) AS population,
       sum(a.apl * a.pop_std) / nullif(sum(a.pop_std), 0) AS apl_moyen,
       coalesce(sum(a.pop_totale) FILTER (WHERE a.apl < $seuil), 0) / nullif(sum(a.pop_totale), 0) AS part_sous_seuil
FROM communes c
LEFT JOIN apl_generalistes a ON a.code = c.code AND a.year = 2023
WHERE c.apl_unit AND list_contains($codes::VARCHAR[], c.code);
