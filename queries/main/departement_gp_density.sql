-- GPs per 10,000 inhabitants of a department, one row per source (RPPS 2025, BPE 2024).
-- Returns: source, n_generalistes, pour_10000.
-- Parameters: $dep (department code).
SELECT g.source, g.n_generalistes,
       g.n_generalistes / (SELECT sum(population) FROM communes WHERE kind = 'COM' AND departement_code = $dep)
           * 10000 AS pour_10000
FROM gp_departement g
WHERE g.departement_code = $dep
ORDER BY g.source DESC;
