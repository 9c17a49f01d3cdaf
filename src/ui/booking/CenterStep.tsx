import type { BookingClient, BookingView } from "../../core/booking/types.ts";
import type { Lang } from "../../i18n/core.ts";
import type { Translate } from "./i18n.ts";

type Props = {
  client: BookingClient;
  view: BookingView;
  lang: Lang;
  t: Translate;
  lastCenterId: string | null;
};

/** Region (all 17 시도), then a center of that region, with a search box. */
export function CenterStep({ client, view, lang, t, lastCenterId }: Props) {
  return (
    <div class="center-step">
      <h3 id="region-heading">{t("booking.region.title")}</h3>
      {view.regions === null && view.busy === "catalog" && (
        <p role="status" class="loading">
          {t("booking.loading")}
        </p>
      )}
      <ul class="choice-grid" aria-labelledby="region-heading">
        {(view.regions ?? []).map((region) => (
          <li key={region.code}>
            <button
              type="button"
              class="choice"
              data-testid="region-option"
              data-region-code={region.code}
              aria-pressed={view.regionCode === region.code}
              onClick={() => void client.chooseRegion(region.code)}
            >
              {region.name[lang]}
            </button>
          </li>
        ))}
      </ul>

      <h3 id="center-heading">{t("booking.center.title")}</h3>
      {view.regionCode === null ? (
        <p>{t("booking.center.chooseRegionFirst")}</p>
      ) : (
        <>
          <div class="field">
            <label for="center-search">{t("booking.center.search")}</label>
            <input
              id="center-search"
              type="search"
              value={view.centerQuery}
              placeholder={t("booking.center.searchHint")}
              onInput={(e) => client.setCenterQuery((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          {view.centers === null && view.busy === "catalog" && (
            <p role="status" class="loading">
              {t("booking.loading")}
            </p>
          )}
          <p class="meta" aria-live="polite">
            {view.centers !== null && view.centerMatches.length === 0
              ? t("booking.center.none")
              : t("booking.center.count", { count: view.centerMatches.length })}
          </p>
          <ul class="choice-list" aria-labelledby="center-heading">
            {view.centerMatches.map((center) => (
              <li key={center.id}>
                <button
                  type="button"
                  class="choice"
                  data-testid="center-option"
                  data-center-id={center.id}
                  aria-pressed={view.centerId === center.id}
                  onClick={() => void client.chooseCenter(center.id)}
                >
                  <span class="choice-title">{center.name[lang]}</span>
                  <span class="choice-detail">{center.address[lang]}</span>
                  {center.id === lastCenterId && <span class="tag">{t("booking.center.last")}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
