from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from members import population as population_data
from members.istat import DEFAULT_FILE, RegisterFormatError, load_register


class Command(BaseCommand):
    help = (
        "Load or refresh the ISTAT register (regions, provinces, all municipalities) as "
        "organisations. Idempotent; see members/data/README.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_FILE,
            help="ISTAT's Elenco-comuni-italiani.csv (default: the copy in members/data/).",
        )
        parser.add_argument(
            "--population",
            type=Path,
            default=population_data.DEFAULT_FILE,
            help="Resident population per municipality (default: the copy in members/data/).",
        )
        parser.add_argument(
            "--population-year",
            type=int,
            default=population_data.DEFAULT_YEAR,
            help="The year of the population file.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, file: Path, no_progress: bool = False, **options):
        population_file = options.get("population") or population_data.DEFAULT_FILE
        for path in (file, population_file):
            if not path.exists():
                raise CommandError(f"File not found: {path}")

        def progress(items):
            return tqdm(
                items,
                desc="Organisations",
                unit="org",
                file=self.stderr._out,
                disable=no_progress or options.get("verbosity", 1) == 0,
            )

        try:
            result = load_register(file, progress=progress)
        except RegisterFormatError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"ISTAT register: {result.regions} regions, {result.provinces} provinces; "
                f"{result.created} organisations created, {result.updated} updated."
            )
        )
        try:
            loaded = population_data.load_population(
                population_file,
                year=options.get("population_year") or population_data.DEFAULT_YEAR,
            )
        except population_data.PopulationFormatError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Resident population: {loaded.read} municipalities read, {loaded.updated} updated"
            + (f", {len(loaded.unknown)} not in the register." if loaded.unknown else ".")
        )
        if result.missing:
            self.stdout.write(
                f"{len(result.missing)} organisations are no longer in ISTAT's list (kept): "
                + ", ".join(result.missing[:20])
            )
