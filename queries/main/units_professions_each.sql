-- Every APL value of a set of APL units, one row per unit, profession, year and scope: the input of a
-- perimeter's means (a CPTS), weighted by standardised population in the domain (#17).
-- Returns: code, profession, year, scope, apl, pop_std, pop_totale.
-- Parameters: $codes (APL unit codes, VARCHAR[]).
SELECT code, profession, year, scope, apl, pop_std, pop_totale
FROM apl
WHERE code IN (SELECT unnest($codes::VARCHAR[]))
ORDER BY code, profession, year, scope;
