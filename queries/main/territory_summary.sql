-- Headline figures of a territory, with the DREES rules: the mean APL is weighted by the
-- standardised population; the population under a threshold is counted in total population.
-- Returns one row: n_communes, apl_moyen, population, population_sous_seuil, n_communes_sous_seuil.
-- Parameters: $level ('france'|'region'|'departement'), $code (region or department code; ignored
-- for 'france'), $year (2021, 2022 or 2023), $seuil (APL threshold), $indicateur ('apl', 'apl_moins65'
-- (DREES) or 'apl_santecarte' (ours, where computed)).
WITH v AS (
    SELECT CASE $indicateur WHEN 'apl' THEN a.apl
                            WHEN 'apl_moins65' THEN a.apl_moins65
                            WHEN 'apl_santecarte' THEN s.apl END AS value,
           a.pop_std, a.pop_totale
    FROM communes c
    JOIN apl_generalistes a ON a.code = c.code AND a.year = $year
    LEFT JOIN apl_santecarte s ON s.code = c.code AND s.year = $year
    WHERE c.apl_unit
      AND CASE $level WHEN 'france' THEN TRUE
                      WHEN 'region' THEN c.region_code = $code
                      WHEN 'departement' THEN c.departement_code = $code END
)
SELECT count(*) AS n_communes,
       sum(value * pop_std) / nullif(sum(pop_std), 0) AS apl_moyen,
       sum(pop_totale) AS population,
       coalesce(sum(pop_totale) FILTER (WHERE value < $seuil), 0) AS population_sous_seuil,
       count(*) FILTER (WHERE value < $seuil) AS n_communes_sous_seuil
FROM v
WHERE value IS NOT NULL;
