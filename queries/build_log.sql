SELECT step, message FROM build_log ORDER BY rowid;
