from agenda.cli import cli

cli(prog_name="agenda")
