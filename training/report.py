"""Print the benchmark tables of docs/benchmarks.md from the shipped model cards.

    python -m training.report section|topics
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

ROOT = Path(__file__).resolve().parent.parent


def _card(name: str) -> dict:
    return json.loads((ROOT / "models" / name / "card.json").read_text(encoding="utf-8"))


def section() -> None:
    card = _card("section")
    m, anchors = card["metrics"], card["anchors"]
    print("| system | VNTC test acc | VNTC test macro-F1 | unc_dantri macro-F1 | vnexpress_2024 macro-F1 |")
    print("|---|---:|---:|---:|---:|")
    print(f"| **ours** ({card['version']}) | **{m['vntc_test']['accuracy']:.4f}** | **{m['vntc_test']['macro_f1']:.4f}** "
          f"| **{m['unc_dantri']['macro_f1']:.3f}** | **{m['vnexpress_2024']['macro_f1']:.3f}** |")
    for name, a in anchors.items():
        if isinstance(a, dict):
            print(f"| anchor: {name} | {a['vntc_test_acc']:.4f} | {a['vntc_test_macro_f1']:.4f} "
                  f"| {a['unc_dantri_macro_f1']:.3f} | {a['vnexpress_2024_macro_f1']:.3f} |")
    print("\nPer class on VNTC test:\n\n| section | precision | recall | F1 | docs |\n|---|---:|---:|---:|---:|")
    for label, s in m["vntc_test"]["per_class"].items():
        print(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
    print("\nBy outlet on VNTC test:\n\n| outlet | docs | accuracy | macro-F1 |\n|---|---:|---:|---:|")
    for outlet, s in m["vntc_test_by_outlet"].items():
        print(f"| {outlet} | {s['docs']} | {s['accuracy']:.4f} | {s['macro_f1']:.4f} |")
    print(f"\nArtifact: {card['artifact']['bytes'] / 1e6:.1f} MB; fit {card['timing_s']['fit']:.0f} s.")


def topics() -> None:
    card = _card("topics")
    test, base = card["metrics"]["test"], card["metrics"]["test_keyword_baseline"]
    print("| topic | test positives | precision | recall | F1 | keyword baseline F1 | threshold |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for topic, s in test["per_topic"].items():
        print(f"| {topic} | {s['support']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
              f"| {base['per_topic'][topic]['f1']:.3f} | {card['thresholds'][topic]:.3f} |")
    print(f"| **macro-F1** | | | | **{test['macro_f1']:.4f}** | {base['macro_f1']:.4f} | |")
    print(f"| **micro-F1** | | | | **{test['micro_f1']:.4f}** | {base['micro_f1']:.4f} | |")
    interval = card["metrics"].get("test_bootstrap_95")
    if interval:
        macro, micro = interval["macro_f1"], interval["micro_f1"]
        print(f"\n95% bootstrap intervals over the {card['data']['split_docs']['test']:,} test articles "
              f"({interval['rounds']:,} resamples): macro-F1 {macro[0]:.3f}-{macro[1]:.3f}, "
              f"micro-F1 {micro[0]:.3f}-{micro[1]:.3f}.")


def main(what: str = typer.Argument(..., help="section | topics")) -> None:
    {"section": section, "topics": topics}[what]()


if __name__ == "__main__":
    typer.run(main)
