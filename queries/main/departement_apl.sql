-- Every department's mean APL for one profession, year and scope, by the DREES rule (weighted by
-- standardised population): the whole-France map of a profession (#17).
-- Returns: code (department), apl.
-- Parameters: $profession, $year, $scope.
SELECT c.departement_code AS code, sum(a.apl * a.pop_std) / nullif(sum(a.pop_std), 0) AS apl
FROM apl a JOIN communes c ON c.code = a.code
WHERE c.apl_unit AND a.profession = $profession AND a.year = $year AND a.scope = $scope
GROUP BY c.departement_code
ORDER BY code;
