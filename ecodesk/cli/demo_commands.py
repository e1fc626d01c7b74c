"""``ecodesk demo seed``: fill a vault with synthetic records for demos and benchmarks."""

from __future__ import annotations

import argparse
import sys

from ecodesk.cli.common import Subparsers, open_vault
from ecodesk.i18n import _
from ecodesk.models import AdviceRecord, RetaliationCase

ORDER = 90
BATCH = 1000


def register(subparsers: Subparsers) -> None:
    demo = subparsers.add_parser("demo", help=_("synthetic data for demonstrations"))
    actions = demo.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    seed = actions.add_parser("seed", help=_("add synthetic cases and advice records (never real people)"))
    seed.add_argument("--cases", type=int, default=50, metavar="N", help=_("how many cases"))
    seed.add_argument("--advice", type=int, default=20, metavar="M", help=_("how many advice records"))
    seed.add_argument("--seed", type=int, default=1, help=_("random seed (the same seed gives the same records)"))
    seed.set_defaults(func=cmd_seed)


def cmd_seed(args: argparse.Namespace) -> int:
    from itertools import islice

    from ecodesk.demo import demo_advice, demo_cases

    with open_vault(args) as vault:
        settings = vault.settings
        for generator in (
            demo_cases(args.cases, seed=args.seed, office=settings.office_code),
            demo_advice(args.advice, seed=args.seed, office=settings.office_code),
        ):
            while batch := list[RetaliationCase | AdviceRecord](islice(generator, BATCH)):
                vault.records.save_many(
                    batch,
                    office=settings.office_code,
                    saved_by=settings.officer_name,
                    assessment_days=settings.assessment_days,
                )
    sys.stdout.write(_("Added {cases} cases and {advice} advice records.", cases=args.cases, advice=args.advice) + "\n")
    return 0
