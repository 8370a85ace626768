-- Regions that have communes with a DREES APL (Mayotte has none), by name.
-- Returns: code, nom. Parameters: none.
SELECT r.code, r.nom
FROM regions r
WHERE EXISTS (SELECT 1 FROM communes c JOIN apl_generalistes a ON a.code = c.code WHERE c.region_code = r.code)
ORDER BY strip_accents(r.nom);  -- « Île-de-France » among the I, not after Z
