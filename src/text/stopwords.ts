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
  ru: "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который которые которая года",
  uk: "і й та в у на з із до не що як це він вона вони ми ви я ти але або за по від для про при через після між також був була було були буде бути вже ще тільки його її їх який яка яке які цей ця ці той та те так чи де коли якщо",
  pl: "i w na z się nie do to że jest o jak a po co ale od za przez dla są było jego już tak czy tylko przy jej może był była być który która które ich ten ta te oraz jako lub także też gdy bardzo więc można",
  sv: "och i att det som en på är av för med till den inte har de ett om var men så från vid han hon sig eller kan när också efter under skulle nu där vara detta hade bara mot",
};

export const STOP_WORDS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(lists).map(([lang, ws]) => [lang, new Set(ws.split(" "))]),
);
