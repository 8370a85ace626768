-- The APL units among $codes (a drawn or typed set of communes), with their department.
SELECT code, departement_code FROM communes WHERE apl_unit AND code IN (SELECT unnest($codes::VARCHAR[])) ORDER BY code;
