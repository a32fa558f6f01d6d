"""macros.data.model: the one month arithmetic (dateutil) that review dates and due dates share."""
import datetime as dt

from macros.data.model import Action, Resource, month_end, span


def resource(reviewed: dt.date, every: int) -> Resource:
    return Resource(id="r", title="R", kind="tool", description="D", url=None, publisher=None, reviewed=reviewed,
                    review_every=every, owner=None)


def test_a_review_falls_due_on_the_same_day_months_later_or_the_months_last_day():
    assert resource(dt.date(2024, 1, 31), 1).review_due == dt.date(2024, 2, 29)  # a leap year's February
    assert resource(dt.date(2023, 1, 31), 1).review_due == dt.date(2023, 2, 28)
    assert resource(dt.date(2024, 3, 15), 12).review_due == dt.date(2025, 3, 15)
    assert resource(dt.date(2024, 8, 31), 6).review_due == dt.date(2025, 2, 28)


def test_an_action_due_in_a_month_is_due_by_its_last_day():
    assert month_end(dt.date(2024, 2, 1)) == dt.date(2024, 2, 29) and month_end(dt.date(2023, 12, 1)) == dt.date(2023, 12, 31)
    assert span(dt.date(2024, 4, 1), "month") == (dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    action = Action.from_data({"text": "T", "due": "2024-02"})
    assert action.due_by == dt.date(2024, 2, 29)
