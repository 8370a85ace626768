import pandas as pd
import pytest

from santecarte.pipeline.cog import map_to_current, to_current, weighted_mean

CURRENT = {"10001", "10002", "10003"}
OLD = {"10090": "10002", "10091": "10002", "10092": "10003"}


def published():
    # 10001 current; 10090 + 10091 merged into 10002 (which also has its own row);
    # 10092 merged into 10003 which has no row of its own; 99999 unknown.
    return pd.DataFrame({
        "code": ["10001", "10002", "10090", "10091", "10092", "99999"],
        "apl": [2.0, 4.0, 1.0, 3.0, 5.0, 9.0],
        "pop_std": [100.0, 300.0, 100.0, 0.0, 50.0, 10.0],
        "pop": [90, 310, 95, 0, 40, 12],
    })


def test_map_to_current_merges_with_weights_and_reports():
    out, report = map_to_current(published(), CURRENT, OLD, weighted=["apl"], weight="pop_std",
                                 summed=["pop_std", "pop"])
    out = out.set_index("code")
    assert list(out.index) == ["10001", "10002", "10003"]
    # (4×300 + 1×100 + 3×0) / 400
    assert out.loc["10002", "apl"] == pytest.approx(3.25)
    assert out.loc["10002", "pop"] == 405
    assert out.loc["10002", "source_codes"] == "10002,10090,10091"
    assert out.loc["10003", "apl"] == 5.0 and out.loc["10003", "n_source_rows"] == 1
    assert (report.kept, report.merged_rows, report.merged_into) == (2, 3, 2)
    assert report.dropped == ["99999"]


def test_weighted_mean_unchanged_by_mapping():
    df = published()[lambda d: d["code"] != "99999"]
    out, _ = map_to_current(df, CURRENT, OLD, weighted=["apl"], weight="pop_std", summed=["pop_std", "pop"])
    assert weighted_mean(out["apl"], out["pop_std"]) == pytest.approx(weighted_mean(df["apl"], df["pop_std"]))


def test_all_zero_weights_fall_back_to_plain_mean():
    df = pd.DataFrame({"code": ["10090", "10091"], "apl": [1.0, 3.0], "pop_std": [0.0, 0.0]})
    out, _ = map_to_current(df, CURRENT, OLD, weighted=["apl"], weight="pop_std", summed=["pop_std"])
    assert out.loc[0, "apl"] == 2.0


def test_to_current_maps_and_drops():
    s = to_current(pd.Series(["10001", "10092", "12345"]), CURRENT, OLD)
    assert s.iloc[0] == "10001" and s.iloc[1] == "10003" and pd.isna(s.iloc[2])
