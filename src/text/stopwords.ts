/**
 * The most frequent function words of a few languages: enough to tell prose from navigation and to
 * guess the language of a text. Lists written from general knowledge of each language.
 */
const lists: Record<string, string> = {
  en: "the of and to a in is that for it as was with be by on not he i this are or his from at which but have an they you were her she there been one all we their has would when if so no will can more what about out up into them some could him than then its only our also these two other after over new said may should most any first who how where just like did those because while between under such both many through being very even us",
  de: "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei ihre wir",
  fr: "le la les de des du et en un une est que qui dans pour pas sur au il elle ce par plus se ne avec son sa ses sont a été aux ont mais comme ou nous vous leur cette tout fait être aussi deux entre après",
  es: "el la los las de del y en un una que es por para con no se su al lo como más pero sus le ya o fue este ha sí porque esta son entre cuando muy sin sobre también me hasta hay donde han desde todo nos durante",
  it: "il lo la i gli le di del della e in un una che è per con non si da al alla dei delle come più ma anche sono ha nel nella su questo questa tra fra dopo stato essere",
  pt: "o a os as de do da dos das e em um uma que é para com não se por no na ao mais mas como foi sua seu são também pelo pela entre quando muito já sobre",
  nl: "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door maar om dan naar uit nog wel was werd heeft wordt hij zij we",
};

export const STOP_WORDS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(lists).map(([lang, ws]) => [lang, new Set(ws.split(" "))]),
);
