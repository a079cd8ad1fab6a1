from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.unions import SAMPLE_FILE, UnionsFileError, import_unions


class Command(BaseCommand):
    help = (
        "Add or update unions of municipalities from a CSV file (columns denominazione, "
        "sigla_provincia, comuni, sito; see members/data/README.md). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            type=Path,
            nargs="?",
            default=SAMPLE_FILE,
            help="CSV of unions (default: the demo's members/data/unioni-esempio.csv).",
        )

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"File not found: {file}")
        raw = file.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")  # as ISTAT's and many spreadsheets' exports
        try:
            result = import_unions(text)
        except UnionsFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Unions: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
        if result.unknown_municipalities:
            self.stderr.write(
                "ISTAT codes not in the register (run load_istat first?): "
                + ", ".join(sorted(set(result.unknown_municipalities)))
            )
