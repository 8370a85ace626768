-- The APL units among a drawn or typed set of communes, by code.
-- Returns: code, departement_code.
-- Parameters: $codes (commune codes, VARCHAR[]).
SELECT code, departement_code FROM communes WHERE apl_unit AND code IN (SELECT unnest($codes::VARCHAR[])) ORDER BY code;
