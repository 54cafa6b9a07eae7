"""Closure timers: the clocks in the vendors' terms that close a ticket or end a session.

Each timer reads a ticket's history at an explicit evaluation instant and reports a
:class:`TimerState`: whether it is running (``pending``), has gone off (``fired``) or does not
apply (``inactive``), when it fires or fired, what started it, and an explanation a help-desk
agent can read out to the customer. Plugins compose timers declaratively
(``NoAnswerAfterReply(hours=48)``) and decide what a fired timer *means* (the ticket is closed,
30 minutes are charged); a timer only says what happened on the clock.

Each timer reads a piece of the case's :class:`~supportcore.timeline.Timeline`, which holds the
ticket read once (``ctx.timeline`` in a hook): ``NoAnswerAfterReply.evaluate_segment`` a
segment (or the whole timeline), ``WaitingOnCustomer.evaluate_wait`` a waiting period,
``AppointmentMissed`` and ``LateCancellation.evaluate_appointment`` an appointment,
``AttentionCap.evaluate_from`` a start and the work logged. ``evaluate(ticket, at)`` gives the
same answer from a whole :class:`~supportcore.model.Ticket`, reading it from the event that
starts the clock.

Rules every timer keeps:

* The evaluation instant is explicit; nothing reads the wall clock. Events after the evaluation
  instant are ignored, so the same ticket can be replayed at any instant.
* A naive ``at`` is refused with a ``ValueError`` naming the parameter.
* A timer never fires before the event it depends on, and a ``fired`` state always has
  ``fires_at <= at``.
* Instants are compared as absolute instants (UTC), never by wall clock, so the repeated hour
  when clocks go back is ordered correctly; explanations show each instant in its own zone.
* ``fires_at`` of a ``pending`` state is the instant it fires if nothing else happens, or
  ``None`` when firing waits on an action with no set time (see ``owed``).

"The customer got in touch" means a ``CUSTOMER_REPLY`` event or any event made ``by`` the
customer (the terms say "no haya efectuado ninguna respuesta o no se haya puesto en contacto").
A ``WORK_SESSION``'s ``at`` is when the session ended and its ``minutes`` its length.
"""

from __future__ import annotations

from ._appointments import AppointmentMissed, LateCancellation
from ._attention import AttentionCap
from ._replies import NoAnswerAfterReply, Replies, WaitingOnCustomer
from ._state import Timer, TimerState, TimerStatus, first_fired, next_due

__all__ = [
    "AppointmentMissed",
    "AttentionCap",
    "LateCancellation",
    "NoAnswerAfterReply",
    "Replies",
    "Timer",
    "TimerState",
    "TimerStatus",
    "WaitingOnCustomer",
    "first_fired",
    "next_due",
]
