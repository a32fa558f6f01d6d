"""Reading a date written another way: only where the reading is certain (macros.data.dates)."""
import pytest

from macros.data.dates import read

READ = {  # as written: (what it means, day or month)
    "30/06/2024": ("2024-06-30", "day"),      # day first, as in the UK: 30 is no month
    "06/30/2024": ("2024-06-30", "day"),      # month first, as in the US: 30 is no month
    "05/05/2024": ("2024-05-05", "day"),      # the same both ways
    "30-06-2024": ("2024-06-30", "day"), "30.6.2024": ("2024-06-30", "day"), "2024/06/30": ("2024-06-30", "day"),
    "20240630": ("2024-06-30", "day"),
    "30 June 2024": ("2024-06-30", "day"), "30th of June, 2024": ("2024-06-30", "day"),
    "June 30th, 2024": ("2024-06-30", "day"), "3rd Apr. 2019": ("2019-04-03", "day"),
    "June 2024": ("2024-06", "month"), "Sept. 2024": ("2024-09", "month"), "06/2024": ("2024-06", "month"),
    "2024/06": ("2024-06", "month"),
}
NOT_ONE_WAY = {  # as written: why it is not read
    "03/04/2024": "could be 3 April 2024 (day first, as in the UK) or 4 March 2024 (month first, as in the US)",
    "12.3.1999": "could be 12 March 1999 (day first, as in the UK) or 3 December 1999 (month first, as in the US)",
    "30/06/24": "has a two-digit year", "30 Jun 24": "has a two-digit year",
    "31/02/2024": "is not a real date: February 2024 has 29 days",
}


@pytest.mark.parametrize("written", READ)
def test_a_date_read_one_way_is_read(written):
    reading = read(written)
    assert (reading.iso, reading.precision, reading.has_time) == (*READ[written], False)


@pytest.mark.parametrize("written", NOT_ONE_WAY)
def test_a_date_that_could_be_read_two_ways_is_not_read(written):
    reading = read(written)
    assert reading.iso is None and reading.why == NOT_ONE_WAY[written]


@pytest.mark.parametrize("written", ["soon", "2024", "30/06", "30/13/2024", "0/0/2024", "", "June", "13 Smarch 2024"])
def test_what_is_no_date_is_not_read(written):
    assert read(written) is None


def test_a_time_is_noticed():
    reading = read("2023-05-02T10:00:00")
    assert reading.iso == "2023-05-02" and reading.has_time
