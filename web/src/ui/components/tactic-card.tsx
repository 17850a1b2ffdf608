export interface TacticCardProps {
  readonly title: string;
  /** Where it applies, e.g. "Broadband · Consumer · Any region", or "Everywhere". */
  readonly scopeLabel: string;
  readonly steps: readonly string[];
  /** What may be offered, already in words (e.g. "Bill credit, Voucher"); null when nothing. */
  readonly offers: string | null;
  readonly offerNote: string;
  /** "Escalate to: Supervisor" with the note, in words. */
  readonly escalation: string;
  readonly escalationNote: string;
  readonly labels: {
    readonly steps: string;
    readonly offers: string;
    readonly escalate: string;
  };
  /** Heading level of the title, to keep the page outline right. */
  readonly level?: 2 | 3;
  /**
   * Folded to its title (a disclosure) where it sits inside a form, so the form stays short;
   * `isOpen` unfolds it at first (the most specific tactic).
   */
  readonly isCollapsible?: boolean;
  readonly isOpen?: boolean;
}

/** One tactic of the playbook: the steps to follow, what may be offered, whom to escalate to. */
export function TacticCard(props: TacticCardProps) {
  const Heading = props.level === 3 ? 'h3' : 'h2';
  const title = (
    <>
      <Heading class="card__title">{props.title}</Heading>
      <p class="tactic__scope">{props.scopeLabel}</p>
    </>
  );
  if (props.isCollapsible) {
    return (
      <details class="section tactic" open={props.isOpen}>
        <summary>
          <span class="tactic__summary">{title}</span>
        </summary>
        <div class="section__body">
          <TacticBody {...props} />
        </div>
      </details>
    );
  }
  return (
    <article class="card tactic">
      {title}
      <TacticBody {...props} />
    </article>
  );
}

function TacticBody(props: TacticCardProps) {
  const Sub = props.level === 3 ? 'h4' : 'h3';
  return (
    <>
      <Sub class="tactic__label">{props.labels.steps}</Sub>
      <ol class="tactic__steps">
        {props.steps.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
      {props.offers || props.offerNote ? (
        <>
          <Sub class="tactic__label">{props.labels.offers}</Sub>
          {props.offers ? <p>{props.offers}</p> : null}
          {props.offerNote ? <p class="tactic__note">{props.offerNote}</p> : null}
        </>
      ) : null}
      <Sub class="tactic__label">{props.labels.escalate}</Sub>
      <p>{props.escalation}</p>
      {props.escalationNote ? <p class="tactic__note">{props.escalationNote}</p> : null}
    </>
  );
}
