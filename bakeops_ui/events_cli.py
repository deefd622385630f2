"""`bakeops events`: the operator's tools for events the worker gave up on (the dead-letter queue)."""

import typer

from bakeops_ui.settings import get_settings

events_cli = typer.Typer(help="Events the worker gave up on (RabbitMQ's dead-letter queue).", no_args_is_help=True)


@events_cli.command("dead")
def list_dead() -> None:
    """List dead-lettered events (id, kind, order, why); they stay in the queue."""
    from worker.dead_letters import list_dead_letters

    url, topology = _broker()
    letters = list_dead_letters(url, topology)
    for letter in letters:
        typer.echo(letter.describe())
    typer.echo(f"{len(letters)} dead-lettered event(s) in {topology.dead_queue}.")


@events_cli.command("replay")
def replay(
    event_ids: list[str] = typer.Option(None, "--event-id", help="Replay only this event (repeatable)"),
) -> None:
    """Send dead-lettered events back to the workers (with fresh delivery attempts); safe to run twice."""
    from worker.dead_letters import replay_dead_letters

    url, topology = _broker()
    replayed = replay_dead_letters(url, topology, set(event_ids) if event_ids else None)
    for letter in replayed:
        typer.echo(f"replayed {letter.event_id} {letter.kind} {letter.subject}")
    typer.echo(f"{len(replayed)} event(s) replayed to {topology.events_exchange}.")


def _broker():
    from bakeops_ui.pipeline import topology_for

    settings = get_settings()
    if not settings.amqp_url:
        typer.echo("bakeops events needs BAKEOPS_AMQP_URL: without RabbitMQ there is no dead-letter queue.", err=True)
        raise typer.Exit(2)
    return settings.amqp_url, topology_for(settings)
