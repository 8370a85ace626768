-- Communes matching what a user typed, best first. Rank: INSEE code (with $apl_only, the code of
-- Paris, Lyon or Marseille gives its arrondissements), postal code, former code (merged commune),
-- exact name, name starting with the text, name holding its words in order; only when no name
-- matches so and the text is not a code, names spelt closely (Damerau-Levenshtein distance, then
-- Jaro-Winkler similarity: « beauvoir sur mr »). Then by population, the arrondissements of a
-- city together after it, in number order.
-- Returns: code, nom, departement_code, departement, population, rank (0 to 6, as above), via (how
-- it matched, NULL for a name), n_total (how many communes match in all; every code match is
-- kept past $limit).
-- Parameters: $key (the text normalised, search.normalise), $pattern (a LIKE pattern of its words
-- in order), $code (the text when it looks like an INSEE or postal code, else NULL), $apl_only
-- (only APL units: arrondissements instead of Paris, Lyon, Marseille), $limit (rows wanted).
WITH names AS (
    SELECT code, CASE WHEN nom_search = $key THEN 3 WHEN starts_with(nom_search, $key) THEN 4 ELSE 5 END AS rank,
           NULL AS via, 0 AS distance
    FROM communes
    WHERE $key <> '' AND nom_search LIKE $pattern
), close_names AS (
    SELECT code, 6 AS rank, 'orthographe proche' AS via,
           damerau_levenshtein(nom_search, $key) - jaro_winkler_similarity(nom_search, $key) AS distance
    FROM communes
    WHERE length($key) >= 4 AND $code IS NULL AND NOT EXISTS (SELECT 1 FROM names)
      AND (damerau_levenshtein(nom_search, $key) <= greatest(1, length($key) // 4)
           OR jaro_winkler_similarity(nom_search, $key) >= 0.93)
), hits AS (
    SELECT code, 0 AS rank, 'code INSEE' AS via, 0 AS distance FROM communes WHERE code = $code
    UNION ALL
    SELECT u.code, 0, 'arrondissement de ' || c.nom, 0
    FROM communes c JOIN communes u ON u.parent_code = c.code
    WHERE c.code = $code AND NOT c.apl_unit AND $apl_only
    UNION ALL
    SELECT commune_code, 1, 'code postal ' || code_postal, 0 FROM codes_postaux WHERE code_postal = $code
    UNION ALL
    SELECT code, 2, 'ancien code ' || old_code || ' (commune fusionnée)', 0 FROM cog_old_codes WHERE old_code = $code
    UNION ALL
    SELECT * FROM names
    UNION ALL
    SELECT * FROM close_names
), found AS (
    SELECT c.code, c.nom, c.departement_code, d.nom AS departement, c.population, min(h.rank) AS rank,
           arg_min(h.via, h.rank) AS via, min(h.distance) AS distance,
           coalesce(p.population, c.population) AS group_population, coalesce(c.parent_code, c.code) AS group_code
    FROM hits h
    JOIN communes c USING (code)
    LEFT JOIN communes p ON p.code = c.parent_code
    JOIN departements d ON d.code = c.departement_code
    WHERE c.apl_unit OR NOT $apl_only
    GROUP BY c.code, c.nom, c.departement_code, d.nom, c.population, c.parent_code, p.population
), ordered AS (
    SELECT *, row_number() OVER (ORDER BY rank, distance, group_population DESC NULLS LAST, group_code,
                                          code <> group_code, code) AS position,
           count(*) OVER () AS n_total
    FROM found
)
SELECT code, nom, departement_code, departement, population, rank, via, n_total
FROM ordered
WHERE position <= $limit OR rank <= 2
ORDER BY position;
