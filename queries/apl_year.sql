SELECT code, apl, apl_moins65, pop_std, pop_totale FROM apl WHERE year = $year;
