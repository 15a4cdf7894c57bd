import subprocess
import sys


def motcua(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "motcua.cli", *args], capture_output=True, text=True, check=False
    )


def test_documented_hyphenated_command_names_work():
    result = motcua("calendar", "--help")
    assert result.returncode == 0
    result = motcua("seed-demo", "--help")
    assert result.returncode == 0, result.stderr
    assert "seed" in result.stdout.lower()


def test_django_commands_run_with_motcuas_settings():
    result = motcua("diffsettings", "--output", "unified")
    assert result.returncode == 0, result.stderr
    assert "+ ROOT_URLCONF = 'motcua.urls'" in result.stdout
