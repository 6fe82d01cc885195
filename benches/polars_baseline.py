#!/usr/bin/env python3
"""Baseline for benches/compare.sh: the annual index suite of docs/METHODS.md §3 in Python polars.

Reads a panel CSV (subject, channel, partner, year, value) and writes one row per
subject x channel x year with the same columns as `multivector indices --format csv`.
Usage: polars_baseline.py PANEL.csv OUT.csv [FOCAL]
"""
import sys

import polars as pl


def main(path, out, focal="Russia"):
    rows = pl.scan_csv(path, schema_overrides={"year": pl.Int32, "value": pl.Float64})
    keys = ["subject", "channel", "year"]
    per_partner = rows.group_by(keys + ["partner"]).agg(pl.col("value").sum())
    active = per_partner.filter(pl.col("value") > 0)
    x = pl.col("value")
    X = x.sum()
    sh = x / X
    focal_x = x.filter(pl.col("partner") == focal).sum()
    # One aggregation pass per group: every index from the group's partner vector.
    suite = active.group_by(keys).agg(
        total=X,
        richness=pl.len(),
        hhi=(sh * sh).sum(),
        shannon=-(sh * sh.log()).sum(),
        gini_w=(x.rank("ordinal").cast(pl.Float64) * x).sum(),
        cr1=x.max() / X,
        # The focal partner when it ties for first (rank and leader agree), else the alphabetical first.
        cr1_partner=pl.when(focal_x == x.max()).then(pl.lit(focal)).otherwise(pl.col("partner").filter(x == x.max()).min()),
        ties=(x == x.max()).sum(),
        cr3=x.top_k(3).sum() / X,
        focal_share=focal_x / X,
        focal_rank=(x > focal_x).sum() + 1,
        other_max=x.filter(pl.col("partner") != focal).max() / X,
    )
    nn = pl.col("richness").cast(pl.Float64)
    multi = pl.col("richness") > 1
    suite = suite.with_columns(
        hhi_norm=pl.when(multi).then((pl.col("hhi") - 1 / nn) / (1 - 1 / nn)),
        unctad=pl.when(multi).then((pl.col("hhi").sqrt() - (1 / nn).sqrt()) / (1 - (1 / nn).sqrt())),
        enp=1 / pl.col("hhi"),
        hill1=pl.col("shannon").exp(),
        pielou=pl.when(multi).then(pl.col("shannon") / nn.log()),
        gini=2 * pl.col("gini_w") / (nn * pl.col("total")) - (nn + 1) / nn,
        theil=nn.log() - pl.col("shannon"),
        dominance=pl.col("focal_share") / pl.col("other_max"),
    )
    # groups whose rows are all zero are reported empty
    groups = per_partner.group_by(keys).agg(total_all=pl.col("value").sum())
    result = (
        groups.join(suite, on=keys, how="left")
        .with_columns(
            total=pl.col("total_all"),
            richness=pl.col("richness").fill_null(0),
            year_start=pl.col("year"),
            year_end=pl.col("year"),
            flags=pl.when(pl.col("richness").is_null()).then(pl.lit("empty"))
            .when(pl.col("richness") == 1).then(pl.lit("single"))
            .when(pl.col("ties") > 1).then(pl.lit("tie")).otherwise(pl.lit("")),
        )
        .select(["subject", "channel", "year_start", "year_end", "total", "richness", "hhi", "hhi_norm", "unctad",
                 "enp", "shannon", "hill1", "pielou", "gini", "theil", "cr1", "cr1_partner", "cr3", "focal_share",
                 "focal_rank", "dominance", "flags"])
        .sort(["subject", "channel", "year_start"])
    )
    result.collect().write_csv(out)


if __name__ == "__main__":
    main(*sys.argv[1:])
