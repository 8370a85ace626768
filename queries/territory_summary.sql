-- Headline figures of a territory, with the DREES rules: the mean APL is weighted by the
-- standardised population; the population under a threshold is counted in total population.
-- $level is 'france', 'region' or 'departement' ($code is ignored for 'france').
SELECT count(*) AS n_communes,
       sum(a.apl * a.pop_std) / nullif(sum(a.pop_std), 0) AS apl_moyen,
       sum(a.pop_totale) AS population,
       coalesce(sum(a.pop_totale) FILTER (WHERE a.apl < $seuil), 0) AS population_sous_seuil,
       count(*) FILTER (WHERE a.apl < $seuil) AS n_communes_sous_seuil
FROM communes c
JOIN apl a ON a.code = c.code AND a.year = $year
WHERE c.apl_unit
  AND CASE $level WHEN 'france' THEN TRUE
                  WHEN 'region' THEN c.region_code = $code
                  WHEN 'departement' THEN c.departement_code = $code END;
