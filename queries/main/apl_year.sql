-- The DREES APL of every APL unit for one vintage.
-- Returns: code, apl, apl_moins65 (APL to GPs aged 65 or less), pop_std (standardised population),
-- pop_totale (INSEE population of the vintage).
-- Parameters: $year (2021, 2022 or 2023).
SELECT code, apl, apl_moins65, pop_std, pop_totale FROM apl_generalistes WHERE year = $year;
