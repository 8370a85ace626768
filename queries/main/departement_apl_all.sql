-- Every APL value of every APL unit of a department, all professions, years and scopes: a commune's
-- rank in its department for each profession, in one read (#17).
-- Returns: code, profession, year, scope, apl.
-- Parameters: $dep (department code).
SELECT a.code, a.profession, a.year, a.scope, a.apl
FROM apl a JOIN communes c ON c.code = a.code
WHERE c.apl_unit AND c.departement_code = $dep
ORDER BY a.code, a.profession, a.year, a.scope;
