import { markdownToSafeHtml } from './render-markdown.js';

/** Colours, sizes and spacing close to Teams' light theme, so cards look here as they do there. */
export const TEAMS_HOST_CONFIG = {
  fontFamily: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#252423', subtle: '#605E5C' },
        accent: { default: '#6264A7', subtle: '#8B8CC7' },
        good: { default: '#237B4B', subtle: '#3E8F5F' },
        warning: { default: '#835C00', subtle: '#A37B1A' },
        attention: { default: '#C4314B', subtle: '#D35A6F' },
        dark: { default: '#252423', subtle: '#484644' },
        light: { default: '#FFFFFF', subtle: '#F3F2F1' },
      },
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: {
        default: { default: '#252423', subtle: '#605E5C' },
        accent: { default: '#6264A7', subtle: '#8B8CC7' },
        good: { default: '#237B4B', subtle: '#3E8F5F' },
        warning: { default: '#835C00', subtle: '#A37B1A' },
        attention: { default: '#C4314B', subtle: '#D35A6F' },
      },
    },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 12 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  factSet: {
    title: { weight: 'bolder', wrap: true, maxWidth: 160 },
    value: { wrap: true },
    spacing: 12,
  },
  table: { cellSpacing: 8 },
};

let hostConfig;

function adaptiveCards() {
  const library = window.AdaptiveCards;
  if (!library) throw new Error('the AdaptiveCards renderer did not load (/console/vendor/adaptivecards.js)');
  if (!hostConfig) {
    hostConfig = new library.HostConfig(TEAMS_HOST_CONFIG);
    library.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdownToSafeHtml(text);
      result.didProcess = true;
    };
  }
  return library;
}

/**
 * Renders card JSON with the official renderer. `onAction` gets a plain description of the clicked
 * action: `{type: 'Action.Execute', verb, data}`, `{type: 'Action.Submit', data}` or
 * `{type: 'Action.OpenUrl', url}`.
 */
export function renderCard(cardJson, onAction) {
  const library = adaptiveCards();
  const card = new library.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => onAction(describeAction(action));
  card.parse(cardJson);
  const element = card.render();
  if (!element) throw new Error('the card could not be rendered');
  return element;
}

function describeAction(action) {
  const type = action.getJsonTypeName();
  if (type === 'Action.Execute') return { type, verb: action.verb, data: action.data ?? {} };
  if (type === 'Action.Submit') return { type, data: action.data ?? {} };
  if (type === 'Action.OpenUrl') return { type, url: action.url };
  return { type };
}
