import { Switch } from '../../components/Switch';
import { useSettings } from '../popup/use-settings';

/** The options page: every setting of the schema. */
export function Options() {
  const [settings, update] = useSettings();
  if (!settings) return <main aria-busy="true" />;
  return (
    <main class="sn-options">
      <h1>Sidenote options</h1>
      <Switch
        name="wholePage"
        label="Whole-page mode"
        description="Annotate the whole page, not only the article"
        checked={settings.wholePage}
        onChange={(wholePage) => update((s) => ({ ...s, wholePage }))}
      />
    </main>
  );
}
