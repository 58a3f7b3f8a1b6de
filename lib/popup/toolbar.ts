/** True in the real toolbar popup; false when opened as a tab with `?tab=ID` (tests, keyboard users). */
export const inToolbarPopup = () => !new URLSearchParams(location.search).has('tab');
