import { Alert, Heading, Layout, Link, Paragraph, type PageContext } from './components.js';
import { h, type Html } from './jsx.js';

/** The Dutch text of an error page per status; never the internals of what went wrong. */
const TEXTS: Record<number, { title: string; body: string }> = {
  400: { title: 'Dit klopt niet', body: 'De gegevens op deze pagina kloppen niet. Ga terug en probeer het opnieuw.' },
  401: { title: 'Log opnieuw in', body: 'U bent niet (meer) ingelogd. Log opnieuw in om verder te gaan.' },
  403: {
    title: 'Geen toegang',
    body: 'U mag deze pagina niet bekijken, of het formulier is verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
  },
  404: { title: 'Pagina niet gevonden', body: 'Deze pagina bestaat niet, of u mag hem niet zien.' },
  409: { title: 'Dit kan nu niet', body: 'Dit past niet bij hoe het nu is. Laad de pagina opnieuw en kijk of het al gedaan is.' },
  413: { title: 'Te veel gegevens', body: 'U stuurde meer gegevens dan we aannemen. Maak de tekst korter.' },
  429: { title: 'Even wachten', body: 'U deed dit te vaak achter elkaar. Wacht een minuut en probeer het opnieuw.' },
  500: { title: 'Er ging iets mis', body: 'Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw.' },
  503: { title: 'Even niet beschikbaar', body: 'Een onderdeel van Kansrijk is even niet bereikbaar. Probeer het over een paar minuten opnieuw.' },
};

export function errorText(status: number) {
  return TEXTS[status] ?? (status >= 500 ? TEXTS[500]! : TEXTS[400]!);
}

/** A whole error page. `detail` is a Dutch sentence meant for people (a problem's detail), never an internal message. */
export function ErrorPage({
  ctx,
  status,
  detail,
  reference,
}: {
  ctx: PageContext;
  status: number;
  detail?: string | undefined;
  reference?: string | undefined;
}): Html {
  const text = errorText(status);
  return (
    <Layout ctx={ctx} title={text.title}>
      <Heading>{text.title}</Heading>
      <Alert type={status >= 500 ? 'error' : 'warning'}>
        <Paragraph>{detail ?? text.body}</Paragraph>
      </Alert>
      {status === 401 ? (
        <Paragraph>
          <Link href="/inloggen">Naar inloggen</Link>
        </Paragraph>
      ) : (
        <Paragraph>
          <Link href="/">Naar de startpagina</Link>
        </Paragraph>
      )}
      {reference ? <Paragraph>Kenmerk voor de helpdesk: {reference}</Paragraph> : null}
    </Layout>
  );
}
