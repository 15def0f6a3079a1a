/** socket.io namespaces: screens, kiosks, and the managers' and staff's console. (No schema imports: browsers load this.) */
export const NAMESPACES = { display: '/display', kiosk: '/kiosk', console: '/console' } as const;
