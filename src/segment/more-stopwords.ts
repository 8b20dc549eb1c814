/**
 * Stop words of languages the shared list does not cover, for telling prose from page furniture in
 * whole-page dumps. Written from general knowledge of each language: its commonest function words.
 */
import { STOP_WORDS } from "../text/stopwords.ts";

const lists: Record<string, string> = {
  ru: "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который которые которая года",
  uk: "і й та в у на з із до не що як це він вона вони ми ви я ти але або за по від для про при через після між також був була було були буде бути вже ще тільки його її їх який яка яке які цей ця ці той та те так чи де коли якщо",
  pl: "i w na z się nie do to że jest o jak a po co ale od za przez dla są było jego już tak czy tylko przy jej może był była być który która które ich ten ta te oraz jako lub także też gdy bardzo więc można",
  sv: "och i att det som en på är av för med till den inte har de ett om var men så från vid han hon sig eller kan när också efter under skulle nu där vara detta hade bara mot",
};

const MORE: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(lists).map(([lang, ws]) => [lang, new Set(ws.split(" "))]),
);

/** The stop words of a language, or null when we have no list for it (then only shape counts). */
export function stopWordsOf(language: string | null): ReadonlySet<string> | null {
  if (language === null) return null;
  return STOP_WORDS[language] ?? MORE[language] ?? null;
}

/** Every stop-word list we have, by language. */
export function allStopWordLists(): Array<[string, ReadonlySet<string>]> {
  return [...Object.entries(STOP_WORDS), ...Object.entries(MORE)];
}
